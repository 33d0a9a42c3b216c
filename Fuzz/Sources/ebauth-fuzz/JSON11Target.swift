import AWSCore
import Foundation

/// The JSON 1.1 request decoder (SSM, ECR, Secrets Manager, STS bodies) into shapes like the
/// services' inputs. Invariant: it returns or throws `SerializationException`, nothing else.
enum JSON11Target {
    struct Tag: Decodable { var Key: String; var Value: String? }
    struct Filter: Decodable { var Key: String?; var Option: String?; var Values: [String]? }

    /// Shaped like PutParameter / GetParametersByPath / BatchGetImage inputs.
    struct Input: Decodable {
        var Name: String
        var Value: String?
        var Overwrite: Bool?
        var MaxResults: Int?
        var Tags: [Tag]?
        var ParameterFilters: [Filter]?
        var imageIds: [[String: String]]?
        var CreatedDate: Date?
        var Version: Int64?
    }

    /// Any JSON at all, to reach nesting and number handling without a schema.
    indirect enum Anything: Decodable {
        case null, bool(Bool), number(Double), string(String), array([Anything]), object([String: Anything])

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [Anything] = []
                while !array.isAtEnd { items.append(try array.decode(Anything.self)) }
                self = .array(items)
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [String: Anything] = [:]
                for key in object.allKeys { members[key.stringValue] = try object.decode(Anything.self, forKey: key) }
                self = .object(members)
            } else {
                let value = try decoder.singleValueContainer()
                if value.decodeNil() {
                    self = .null
                } else if let bool = try? value.decode(Bool.self) {
                    self = .bool(bool)
                } else if let number = try? value.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .string(try value.decode(String.self))
                }
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    static func run(_ bytes: [UInt8]) {
        expectSerializationError { _ = try JSON11.decode(Input.self, from: bytes) }
        expectSerializationError { _ = try JSON11.decode(Anything.self, from: bytes) }
    }

    static func expectSerializationError(_ body: () throws -> Void) {
        do {
            try body()
        } catch let error as AWSError {
            FuzzCheck.require(error.code == "SerializationException" && error.status == 400, "unexpected \(error.code)")
        } catch {
            FuzzCheck.require(false, "decode threw \(error)")
        }
    }
}
