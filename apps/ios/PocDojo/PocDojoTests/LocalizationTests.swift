import XCTest
@testable import PocDojo

/// The String Catalog compiled into the app answers every key in both languages
/// (CI checks the catalog's source; this checks what Xcode built from it).
final class LocalizationTests: XCTestCase {
    private func bundle(_ language: String) throws -> Bundle {
        let app = Bundle(for: AppServices.self)
        let path = try XCTUnwrap(app.path(forResource: language, ofType: "lproj"), "\(language).lproj is built")
        return try XCTUnwrap(Bundle(path: path))
    }

    func testBothLanguagesResolveTheKeysTheScreensUse() throws {
        let keys = ["login_title", "pocs_search_hint", "room_readonly_driver", "room_timer_remaining", "media_share", "account_logout"]
        for language in ["en", "pt-BR"] {
            let bundle = try bundle(language)
            for key in keys {
                let value = bundle.localizedString(forKey: key, value: "\u{1}missing", table: nil)
                XCTAssertNotEqual(value, "\u{1}missing", "\(language): \(key)")
                XCTAssertNotEqual(value, key, "\(language): \(key)")
            }
        }
    }

    func testPortugueseIsPortuguese() throws {
        XCTAssertNotEqual(
            try bundle("pt-BR").localizedString(forKey: "login_submit", value: nil, table: nil),
            try bundle("en").localizedString(forKey: "login_submit", value: nil, table: nil)
        )
    }
}
