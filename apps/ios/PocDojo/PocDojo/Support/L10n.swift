import Foundation

/// A localized string of Localizable.xcstrings (keys shared with the Android app's strings.xml),
/// formatted with `args` (`%1$@` strings, `%1$lld` integers; plural keys pick their variant).
func tr(_ key: String, _ args: CVarArg...) -> String {
    let format = NSLocalizedString(key, comment: "")
    return args.isEmpty ? format : String(format: format, locale: Locale.current, arguments: args)
}
