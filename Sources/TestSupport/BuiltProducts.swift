import Foundation

/// Executables built beside the test bundle.
public enum BuiltProducts {
    /// The `vendingpass` executable, which `swift test` builds with the tests.
    public static var vendingpass: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vendingpass").path
    }
}
