import BackstopSimulation
import Testing

@Suite struct InequalityTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var values: [Double]
        var gini: Double
        var testDescription: String { name }
    }

    /// Gini = Σ_i Σ_j |x_i − x_j| / (2 n² mean).
    @Test("Gini coefficient", arguments: [
        Case(name: "all equal", values: [3, 3, 3, 3], gini: 0),
        Case(name: "one holds everything of four", values: [0, 0, 0, 8], gini: 0.75),
        Case(name: "1, 2, 3: Σ|xi − xj| = 8 over ordered pairs, 2·9·2 = 36", values: [1, 2, 3], gini: 8.0 / 36.0),
        Case(name: "empty", values: [], gini: 0),
        Case(name: "all zero", values: [0, 0], gini: 0),
    ])
    func gini(_ test: Case) {
        #expect(abs(Inequality.gini(test.values) - test.gini) < 1e-12)
    }
}
