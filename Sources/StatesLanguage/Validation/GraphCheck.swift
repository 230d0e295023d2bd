/// Checks the shape of a machine's graph: every state reachable, a terminal state reachable from each,
/// and state names unique across nested branches.
enum GraphCheck {
    static func check(_ machine: StateMachine, statesLocation: String, problems: inout ProblemList) {
        var reachable: Set<String> = [machine.startAt]
        var queue = [machine.startAt]
        while let name = queue.popLast() {
            for next in successors(of: machine.states[name]!) where machine.states[next] != nil && reachable.insert(next).inserted {
                queue.append(next)
            }
        }
        for name in machine.stateNames where !reachable.contains(name) {
            problems.add(statesLocation + "/" + ProblemList.escape(name), "is not reachable from StartAt")
        }
        // A transition to a missing state is reported where it is written; counting it as finishing
        // keeps it from also being reported as a loop.
        var finishing = Set(machine.states.values.filter { isTerminal($0) || successors(of: $0).contains { machine.states[$0] == nil } }.map(\.name))
        var changed = true
        while changed {
            changed = false
            for (name, state) in machine.states where !finishing.contains(name) && successors(of: state).contains(where: finishing.contains) {
                finishing.insert(name)
                changed = true
            }
        }
        for name in machine.stateNames where reachable.contains(name) && !finishing.contains(name) {
            problems.add(statesLocation + "/" + ProblemList.escape(name), "never reaches a terminal state (End, Succeed or Fail): every path from it loops")
        }
    }

    static func checkUniqueNames(_ machine: StateMachine, location: String, problems: inout ProblemList) {
        var seen: [String: Int] = [:]
        func visit(_ machine: StateMachine) {
            for name in machine.stateNames {
                seen[name, default: 0] += 1
                switch machine.states[name]?.kind {
                case .parallel(let parallel)?: parallel.branches.forEach(visit)
                case .map(let map)?: visit(map.processor)
                default: break
                }
            }
        }
        visit(machine)
        for (name, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            problems.add(location, "has \(count) states named \"\(name)\"; names must be unique across the machine and its branches")
        }
    }

    static func successors(of state: State) -> [String] {
        var next: [String] = state.catchers.map(\.next)
        if case .next(let name)? = state.transition { next.append(name) }
        if case .choice(let choice) = state.kind {
            next += choice.choices.map(\.next)
            if let defaultNext = choice.defaultNext { next.append(defaultNext) }
        }
        return next
    }

    private static func isTerminal(_ state: State) -> Bool {
        switch state.kind {
        case .succeed, .fail: true
        default: state.transition == .end
        }
    }
}
