/// The intrinsic functions of Amazon States Language.
public enum IntrinsicFunction: String, CaseIterable, Hashable, Sendable {
    case format = "Format"
    case stringToJson = "StringToJson"
    case jsonToString = "JsonToString"
    case array = "Array"
    case arrayPartition = "ArrayPartition"
    case arrayContains = "ArrayContains"
    case arrayRange = "ArrayRange"
    case arrayGetItem = "ArrayGetItem"
    case arrayLength = "ArrayLength"
    case arrayUnique = "ArrayUnique"
    case base64Encode = "Base64Encode"
    case base64Decode = "Base64Decode"
    case hash = "Hash"
    case jsonMerge = "JsonMerge"
    case mathRandom = "MathRandom"
    case mathAdd = "MathAdd"
    case stringSplit = "StringSplit"
    case uuid = "UUID"

    /// How many arguments the function takes.
    var arity: ClosedRange<Int> {
        switch self {
        case .format: 1...Int.max
        case .array: 0...Int.max
        case .uuid: 0...0
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: 2...2
        case .arrayRange, .jsonMerge: 3...3
        case .mathRandom: 2...3
        }
    }
}
