import ArgumentParser

/// `--db PATH`: the SQLite database commands read and write.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The SQLite database file.", valueName: "path"))
    var path = "vendingpass.sqlite"
}

/// `--json`: machine-readable output for scripts.
struct JSONFlag: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print JSON for scripts instead of a table.")
    var isEnabled = false
}
