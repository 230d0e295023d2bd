import TestSupport

/// Files of the repository the workflow tests use.
enum TestPaths {
    static let vendingPass = ProjectPaths.file("Scenarios/workflows/vending-pass.asl.json")
    static let vendingPassMocks = ProjectPaths.file("Scenarios/workflows/vending-pass.mocks.json")
}
