import PocDojoKit
import SwiftUI

/// The words for an API error, in the user's language where the app has them.
func describe(_ error: APIError) -> String {
    switch error {
    case .transport: return tr("common_error_network")
    case .signedOut: return tr("account_logout")
    case let .problem(problem): return problem.detail ?? problem.title
    case .unexpected: return tr("common_error_unknown")
    }
}

/// A red line under a form or list when something failed.
struct ErrorBanner: View {
    let error: APIError?

    var body: some View {
        if let error {
            Label(describe(error), systemImage: "exclamationmark.triangle")
                .foregroundStyle(.red)
                .font(.callout)
                .accessibilityAddTraits(.isStaticText)
        }
    }
}
