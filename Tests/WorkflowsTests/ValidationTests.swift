import StatesLanguage
import Testing

@Suite struct ValidationTests {
    func problems(_ definition: String) -> [String] {
        do {
            _ = try StateMachine.parse(definition)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func namesTheLocationOfAMisspeltNext() {
        let found = problems(#"{"StartAt":"CountPoints","States":{"CountPoints":{"Type":"Task","Resource":"r","Next":"Wiat"},"Wait":{"Type":"Wait","Seconds":90,"End":true}}}"#)
        #expect(found.contains(#"/States/CountPoints/Next: no state named "Wiat" (did you mean "Wait"?)"#))
    }

    @Test func reportsEveryProblemAtOnce() {
        let found = problems(
            #"""
            {"StartAt":"Nowhere","States":{
              "A":{"Type":"Wait","Seconds":5,"Timestamp":"2026-01-01T00:00:00Z","Next":"B"},
              "B":{"Type":"Pass","Next":"A","End":true},
              "C":{"Type":"Task","Resource":"r","End":true,"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}]},
              "D":{"Type":"Choice","Choices":[{"Variable":"$.a","NumericEquals":"one","Next":"A"}]},
              "E":{"Type":"Bogus"},
              "F":{"Type":"Pass","Colour":"red","End":true}
            }}
            """#
        )
        #expect(found.contains(#"/StartAt: no state named "Nowhere""#))
        #expect(found.contains("/States/A: has Seconds and Timestamp; a Wait state takes exactly one of them"))
        #expect(found.contains("/States/B: has both Next and End; a state either moves on or ends"))
        #expect(found.contains("/States/C/Retry/0/ErrorEquals: has States.ALL, which must be in the last entry"))
        #expect(found.contains(#"/States/D/Choices/0/NumericEquals: must be a number, not "one""#))
        #expect(found.contains("/States/E/Type: 'Bogus' is not a state type (Pass, Task, Wait, Choice, Succeed, Fail, Parallel, Map)"))
        #expect(found.contains("/States/F/Colour: is not a field of a Pass state"))
    }

    @Test func graphRules() {
        let unreachable = problems(#"{"StartAt":"A","States":{"A":{"Type":"Succeed"},"Orphan":{"Type":"Succeed"}}}"#)
        #expect(unreachable == ["/States/Orphan: is not reachable from StartAt"])
        let brokenAndUnreachable = problems(
            #"{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"Timestamp":"x","Next":"B"},"B":{"Type":"Succeed"},"Orphan":{"Type":"Succeed"}}}"#
        )
        #expect(
            brokenAndUnreachable == [
                "/States/A: has Seconds and Timestamp; a Wait state takes exactly one of them", "/States/Orphan: is not reachable from StartAt",
            ], "the graph is checked even when a state has problems, following that state's Next as written"
        )
        let loop = problems(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Wait","Seconds":1,"Next":"A"}}}"#)
        #expect(loop.contains("/States/A: never reaches a terminal state (End, Succeed or Fail): every path from it loops"))
        let duplicate = problems(
            #"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}]}}}"#
        )
        #expect(duplicate.contains(#"/States: has 2 states named "P"; names must be unique across the machine and its branches"#))
        let escapingBranch = problems(
            #"{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","Next":"P"}}}]}}}"#
        )
        #expect(escapingBranch.contains(#"/States/P/Branches/0/States/X/Next: no state named "P""#))
    }

    @Test func pathsAndTemplatesAreChecked() {
        let found = problems(
            #"{"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$.a[*]","Parameters":{"x.$":"States.Nope(1)","y.$":42},"InputPath":"nope","End":true}}}"#
        )
        #expect(found.contains("/States/A/ResultPath: '$.a[*]' must be a reference path: $, field names and indexes only"))
        #expect(found.contains { $0.hasPrefix("/States/A/Parameters/x.$: is not a valid path or intrinsic function: 'States.Nope(1)' calls 'States.Nope'") })
        #expect(found.contains("/States/A/Parameters/y.$: must be a string holding a path or an intrinsic function, not number"))
        #expect(found.contains("/States/A/InputPath: is not a valid path: 'nope' must start with '$'"))
    }

    @Test func unsupportedFeaturesAreNamed() {
        let jsonata = problems(#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#)
        #expect(jsonata == ["/QueryLanguage: 'JSONata' is not supported; this engine runs JSONPath state machines"])
        let distributed = problems(
            #"{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}}}"#
        )
        #expect(distributed.contains(#"/States/M/ItemProcessor/ProcessorConfig/Mode: "DISTRIBUTED" is not supported; this engine runs INLINE maps"#))
    }

    @Test func theVendingPassMachineIsValid() throws {
        let text = try String(contentsOfFile: TestPaths.vendingPass, encoding: .utf8)
        let machine = try StateMachine.parse(text)
        #expect(machine.stateNames == ["CountPoints", "WaitForSettle", "UpdateParticipant", "RecordFailure", "CreditFailed"])
    }
}
