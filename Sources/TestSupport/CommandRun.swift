import VendingPassCLI

/// What running a `vendingpass` command printed and how it exited.
public struct CommandRun: Sendable {
    /// The exit status.
    public let status: Int32
    /// Standard output.
    public let output: String
    /// Standard error.
    public let error: String

    /// Runs `vendingpass` with `arguments` in-process, capturing its output.
    public static func vendingpass(_ arguments: String...) async -> CommandRun {
        await vendingpass(arguments)
    }

    /// Runs `vendingpass` with `arguments` in-process, capturing its output.
    public static func vendingpass(_ arguments: [String]) async -> CommandRun {
        let console = Console.capturing()
        let status = await Console.$current.withValue(console) { await VendingPass.run(arguments) }
        return CommandRun(status: status, output: console.output, error: console.errorOutput)
    }
}
