import Foundation
import TestSupport
import Testing

@Suite struct ConformanceTests {
    static let ownCases = ConformancePair.load(from: ProjectPaths.file("Tests/Conformance"))
    static let sharedDirectory = ProjectPaths.file("../shared/conformance/localstack")
    static let sharedCases = ConformancePair.load(from: sharedDirectory)

    @Test func theOwnSuiteHasAtLeastEightyCases() {
        #expect(Self.ownCases.count >= 80)
    }

    @Test(arguments: ownCases)
    func ownCase(_ pair: ConformancePair) async throws {
        let mismatch = try await pair.mismatch()
        #expect(mismatch == nil, "\(pair): \(mismatch ?? "")")
    }

    /// Outcomes recorded on AWS Step Functions itself, read from ../shared (never copied here).
    @Test func sharedCasesArePresent() {
        #expect(FileManager.default.fileExists(atPath: Self.sharedDirectory), "../shared/conformance is missing")
        #expect(!Self.sharedCases.isEmpty)
    }

    @Test(arguments: sharedCases)
    func sharedCase(_ pair: ConformancePair) async throws {
        let mismatch = try await pair.mismatch()
        #expect(mismatch == nil, "\(pair): \(mismatch ?? "")")
    }
}
