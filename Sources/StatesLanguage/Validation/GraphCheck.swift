import JSON

/// Checks the shape of a machine's graph: every state reachable, a terminal state reachable from each,
/// and state names unique across nested branches.
enum GraphCheck {
    /// A state as the graph sees it: where it can go, and whether it may end the machine.
    struct Node {
        let successors: [String]
        let mayFinish: Bool
    }

    /// The node of a parsed state.
    static func node(of state: State) -> Node {
        Node(successors: successors(of: state), mayFinish: isTerminal(state))
    }

    /// The node of a state that did not parse (its problems are reported already): its transitions as
    /// written, and counted as finishing, so that its own errors are not reported again as a loop.
    static func node(ofUnparsed json: JSONValue) -> Node {
        var next = [json["Next"]?.stringValue, json["Default"]?.stringValue].compactMap { $0 }
        for field in ["Choices", "Catch"] {
            next += (json[field]?.arrayValue ?? []).compactMap { $0["Next"]?.stringValue }
        }
        return Node(successors: next, mayFinish: true)
    }

    /// Reports states not reachable from `startAt`, and reachable states from which every path loops.
    static func check(_ nodes: [String: Node], order: [String], startAt: String, statesLocation: String, problems: inout ProblemList) {
        var reachable: Set<String> = [startAt]
        var queue = [startAt]
        while let name = queue.popLast() {
            for next in nodes[name]?.successors ?? [] where nodes[next] != nil && reachable.insert(next).inserted {
                queue.append(next)
            }
        }
        for name in order where !reachable.contains(name) {
            problems.add(statesLocation + "/" + ProblemList.escape(name), "is not reachable from StartAt")
        }
        // A transition to a missing state is reported where it is written; counting it as finishing
        // keeps it from also being reported as a loop.
        var finishing = Set(nodes.filter { $0.value.mayFinish || $0.value.successors.contains { nodes[$0] == nil } }.keys)
        var changed = true
        while changed {
            changed = false
            for (name, node) in nodes where !finishing.contains(name) && node.successors.contains(where: finishing.contains) {
                finishing.insert(name)
                changed = true
            }
        }
        for name in order where reachable.contains(name) && !finishing.contains(name) {
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

    private static func successors(of state: State) -> [String] {
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
