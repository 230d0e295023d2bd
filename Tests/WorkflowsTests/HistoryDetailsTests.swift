import JSON
import Testing
import Workflows

@Suite struct HistoryDetailsTests {
    /// A history written from the details' parts has the bytes of one written from the objects Step
    /// Functions shows, so chunks written before and after read the same: shared values stay
    /// references, and the containers after an event's details keep their numbers.
    @Test func detailsWriteTheBytesOfTheirObject() throws {
        let input: JSONValue = ["id": "e-000001", "type": "purchase", "participant": "vp-7f3a9c", "amount": 250]
        let output: JSONValue = ["points": 1, "input": input]
        let details: [HistoryDetails] = [
            .two("input", input, "roleArn", "arn:aws:iam::123456789012:role/vending-pass"),
            .two("name", "CountPoints", "input", input),
            .object(JSONObject(uniqueMembers: [("resource", "CountPoints"), ("parameters", input), ("timeoutInSeconds", 60)])),
            .one("resource", "CountPoints"),
            .two("resource", "CountPoints", "output", output),
            .two("name", "CountPoints", "output", output),
            .one("output", output),
            .taskScheduled(resource: "arn:aws:lambda:us-east-1:123456789012:function:CountPoints", parameters: input, timeoutSeconds: 30, heartbeatSeconds: nil),
            .taskScheduled(resource: "CountPoints", parameters: input, timeoutSeconds: 60, heartbeatSeconds: 10),
            .object(JSONObject()),
        ]
        var fromParts = CompactJSONWriter()
        var fromObjects = CompactJSONWriter()
        for detail in details {
            detail.write(to: &fromParts)
            fromObjects.write(.object(detail.object))
        }
        #expect(fromParts.bytes == fromObjects.bytes)
        var reader = CompactJSONReader(fromParts.bytes)
        for detail in details { #expect(try reader.readValue() == .object(detail.object)) }
        #expect(reader.isAtEnd)
    }

    /// Step Functions' members, in its order: a state's name before its input.
    @Test func partsBecomeTheObjectStepFunctionsShows() {
        let details = HistoryDetails.two("name", "Hold", "input", ["n": 1])
        #expect(details.object.orderedKeys == ["name", "input"])
        #expect(details == .object(JSONObject(uniqueMembers: [("name", "Hold"), ("input", ["n": 1])])))
    }

    /// A TaskScheduled event shows the resource's service and the region, and the heartbeat only when
    /// the state has one.
    @Test func aScheduledTaskShowsItsServiceAndTimeouts() {
        let lambda = HistoryDetails.taskScheduled(
            resource: "arn:aws:lambda:us-east-1:123456789012:function:CountPoints", parameters: ["n": 1], timeoutSeconds: 30, heartbeatSeconds: nil
        )
        #expect(
            lambda.object == JSONObject(uniqueMembers: [
                ("resource", "arn:aws:lambda:us-east-1:123456789012:function:CountPoints"), ("resourceType", "lambda"), ("region", "local"),
                ("parameters", ["n": 1]), ("timeoutInSeconds", 30),
            ])
        )
        let local = HistoryDetails.taskScheduled(resource: "CountPoints", parameters: .null, timeoutSeconds: 60, heartbeatSeconds: 10)
        #expect(local.object.orderedKeys == ["resource", "resourceType", "region", "parameters", "timeoutInSeconds", "heartbeatInSeconds"])
        #expect(local.object["resourceType"] == "swift")
        #expect(local.object["heartbeatInSeconds"] == 10)
    }
}
