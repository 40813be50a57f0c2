import Foundation

/// Token colouring for the kata languages: keywords, strings, comments, numbers and types.
/// Ranges are UTF-16 offsets (NSRange-compatible) so the editor applies them directly.
public enum SyntaxHighlighter {
    public enum Kind: String, Sendable, CaseIterable {
        case keyword, string, comment, number, type
    }

    public struct Token: Equatable, Sendable {
        public var location: Int
        public var length: Int
        public var kind: Kind
    }

    static let keywords: [String: Set<String>] = [
        "typescript": [
            "as", "async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete", "do",
            "else", "enum", "export", "extends", "false", "finally", "for", "from", "function", "if", "implements",
            "import", "in", "instanceof", "interface", "let", "new", "null", "of", "private", "protected", "public",
            "readonly", "return", "static", "super", "switch", "this", "throw", "true", "try", "type", "typeof",
            "undefined", "var", "void", "while", "yield",
        ],
        "python": [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        ],
        "java": [
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "false", "final", "finally", "float", "for", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "new", "null", "package", "private",
            "protected", "public", "record", "return", "short", "static", "super", "switch", "this", "throw",
            "throws", "true", "try", "var", "void", "while",
        ],
        "go": [
            "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "false", "for",
            "func", "go", "goto", "if", "import", "interface", "map", "nil", "package", "range", "return", "select",
            "struct", "switch", "true", "type", "var",
        ],
    ]

    /// The language of a file: by extension, else the dojo's language.
    public static func language(forPath path: String, fallback: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "ts", "tsx", "js", "mjs": return "typescript"
        case "py": return "python"
        case "java": return "java"
        case "go": return "go"
        default: return fallback
        }
    }

    public static func tokens(in text: String, language: String) -> [Token] {
        let units = Array(text.utf16)
        let words = keywords[language] ?? []
        let hashComments = language == "python"
        var tokens: [Token] = []
        var index = 0
        func at(_ offset: Int) -> UInt16? { offset < units.count ? units[offset] : nil }
        while index < units.count {
            let unit = units[index]
            let start = index
            if unit == 0x2F, at(index + 1) == 0x2F, !hashComments { // //
                while index < units.count, units[index] != 0x0A { index += 1 }
                tokens.append(Token(location: start, length: index - start, kind: .comment))
            } else if unit == 0x23, hashComments { // #
                while index < units.count, units[index] != 0x0A { index += 1 }
                tokens.append(Token(location: start, length: index - start, kind: .comment))
            } else if unit == 0x2F, at(index + 1) == 0x2A, !hashComments { // /* … */
                index += 2
                while index < units.count, !(units[index] == 0x2A && at(index + 1) == 0x2F) { index += 1 }
                index = min(index + 2, units.count)
                tokens.append(Token(location: start, length: index - start, kind: .comment))
            } else if unit == 0x22 || unit == 0x27 || unit == 0x60 { // " ' `
                index += 1
                while index < units.count, units[index] != unit, units[index] != 0x0A || unit == 0x60 {
                    if units[index] == 0x5C { index += 1 } // backslash escape
                    index += 1
                }
                index = min(index + 1, units.count)
                tokens.append(Token(location: start, length: index - start, kind: .string))
            } else if isDigit(unit) {
                while index < units.count, isDigit(units[index]) || units[index] == 0x2E || units[index] == 0x5F || isLetter(units[index]) {
                    index += 1
                }
                tokens.append(Token(location: start, length: index - start, kind: .number))
            } else if isLetter(unit) || unit == 0x5F || unit == 0x24 {
                while index < units.count, isLetter(units[index]) || isDigit(units[index]) || units[index] == 0x5F || units[index] == 0x24 {
                    index += 1
                }
                let word = String(utf16CodeUnits: Array(units[start..<index]), count: index - start)
                if words.contains(word) {
                    tokens.append(Token(location: start, length: index - start, kind: .keyword))
                } else if let first = word.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first) {
                    tokens.append(Token(location: start, length: index - start, kind: .type))
                }
            } else {
                index += 1
            }
        }
        return tokens
    }

    private static func isDigit(_ unit: UInt16) -> Bool { unit >= 0x30 && unit <= 0x39 }

    private static func isLetter(_ unit: UInt16) -> Bool {
        (unit >= 0x41 && unit <= 0x5A) || (unit >= 0x61 && unit <= 0x7A) || unit >= 0xC0
    }
}
