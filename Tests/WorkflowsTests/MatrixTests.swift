import Expressions
import Testing

@testable import Workflows

@Suite("matrix expansion")
struct MatrixTests {
    func keys(_ combinations: [MatrixCombination]) -> [String] {
        combinations.map { $0.entries.map { "\($0.key)=\($0.value.stringValue)" }.joined(separator: ",") }
    }

    @Test("the product follows the order of the keys")
    func product() {
        let matrix = Matrix(dimensions: [("os", ["a", "b"]), ("node", [1, 2])])
        #expect(keys(matrix.expand()) == ["os=a,node=1", "os=a,node=2", "os=b,node=1", "os=b,node=2"])
    }

    @Test("an exclude matches on the keys it names")
    func partialExclude() {
        let matrix = Matrix(dimensions: [("os", ["a", "b"]), ("node", [1, 2])], exclude: [["os": "b"]])
        #expect(keys(matrix.expand()) == ["os=a,node=1", "os=a,node=2"])
    }

    @Test("an include extends every combination it does not contradict")
    func includeExtends() {
        let matrix = Matrix(dimensions: [("os", ["a", "b"])], include: [["os": "a", "extra": "x"]])
        #expect(keys(matrix.expand()) == ["os=a,extra=x", "os=b"])
    }

    @Test("an include that fits no combination becomes its own")
    func includeAdds() {
        let matrix = Matrix(dimensions: [("os", ["a"]), ("node", [4])], include: [["os": "c", "node": 10]])
        #expect(keys(matrix.expand()) == ["os=a,node=4", "node=10,os=c"])
    }

    @Test("only includes make a combination per include")
    func onlyIncludes() {
        let matrix = Matrix(dimensions: [], include: [["a": 1], ["a": 2]])
        #expect(keys(matrix.expand()) == ["a=1", "a=2"])
    }

    @Test("an empty dimension expands to nothing")
    func empty() {
        #expect(Matrix(dimensions: [("os", [])]).expand().isEmpty)
    }

    @Test("GitHub's documented example: include values added to the fitting legs only")
    func documentedExample() {
        let matrix = Matrix(
            dimensions: [("fruit", ["apple", "pear"]), ("animal", ["cat", "dog"])],
            include: [
                ["color": "green"], ["color": "pink", "animal": "cat"], ["fruit": "apple", "shape": "circle"],
                ["fruit": "banana"], ["fruit": "banana", "animal": "cat"],
            ])
        #expect(keys(matrix.expand()) == [
            "fruit=apple,animal=cat,color=pink,shape=circle", "fruit=apple,animal=dog,color=green,shape=circle",
            "fruit=pear,animal=cat,color=pink", "fruit=pear,animal=dog,color=green", "fruit=banana",
            "animal=cat,fruit=banana",
        ])
    }
}
