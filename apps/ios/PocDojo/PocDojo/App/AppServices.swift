import Foundation
import Observation
import PocDojoKit

/// The composition root: one API client (tokens in the Keychain) and the account state.
@MainActor
@Observable
final class AppServices {
    let api: APIClient
    let account: AccountModel

    init(bundle: Bundle = .main) {
        let configured = bundle.object(forInfoDictionaryKey: "PocDojoAPIURL") as? String
        let baseURL = configured.flatMap { URL(string: $0) } ?? URL(string: "http://127.0.0.1:3000")!
        api = APIClient(baseURL: baseURL, tokenStore: KeychainTokenStore())
        account = AccountModel(api: api)
    }
}
