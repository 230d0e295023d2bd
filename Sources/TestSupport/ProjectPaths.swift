import Foundation

/// Paths of the repository's own files, for tests that read scenarios and shared fixtures.
public enum ProjectPaths {
    /// The package's root directory, found from this source file's location.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A path relative to the package's root.
    public static func file(_ relative: String) -> String {
        root + "/" + relative
    }
}
