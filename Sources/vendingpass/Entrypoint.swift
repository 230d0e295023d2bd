import Foundation
import VendingPassCLI

/// The `vendingpass` executable: everything else lives in `VendingPassCLI`.
@main
struct Entrypoint {
    static func main() async {
        exit(await VendingPass.run(Array(CommandLine.arguments.dropFirst())))
    }
}
