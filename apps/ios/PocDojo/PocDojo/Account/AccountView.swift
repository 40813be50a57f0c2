import PocDojoKit
import SwiftUI

/// Who you are, your team, your password, and logging out.
struct AccountView: View {
    @Environment(AppServices.self) private var services
    @State private var current = ""
    @State private var new = ""

    var body: some View {
        let account = services.account
        Form {
            if let me = account.me {
                Section {
                    Text(tr("account_who", me.name, me.email, tr("role_\(me.role.rawValue)")))
                    if let tenant = account.tenant {
                        Text(tr("account_team", tenant.name, tenant.slug))
                    }
                }
                Section(tr("account_password")) {
                    if !me.emailVerified {
                        Text(tr("account_confirm_email")).foregroundStyle(.orange)
                    }
                    PasswordField(title: tr("account_current_password"), text: $current)
                    PasswordField(title: tr("account_new_password"), text: $new, newPassword: true)
                    Button(tr("account_change_password")) {
                        Task {
                            await account.changePassword(current: current, new: new)
                            if account.passwordChanged {
                                current = ""
                                new = ""
                            }
                        }
                    }
                    .disabled(account.busy || current.isEmpty || new.isEmpty)
                    if account.passwordChanged {
                        Text(tr("account_password_changed")).foregroundStyle(.green)
                    }
                }
            }
            ErrorBanner(error: account.error)
            Section {
                Button(tr("account_logout"), role: .destructive) {
                    Task { await account.logOut() }
                }
            }
        }
        .navigationTitle(tr("account_title"))
    }
}
