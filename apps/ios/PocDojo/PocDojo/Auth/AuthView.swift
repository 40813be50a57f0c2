import PocDojoKit
import SwiftUI

/// Log in, or sign up a new team.
struct AuthView: View {
    @State private var signingUp = false

    var body: some View {
        NavigationStack {
            if signingUp {
                SignupView(switchToLogin: { signingUp = false })
            } else {
                LoginView(switchToSignup: { signingUp = true })
            }
        }
    }
}

struct LoginView: View {
    @Environment(AppServices.self) private var services
    let switchToSignup: () -> Void
    @State private var team = ""
    @State private var email = ""
    @State private var password = ""

    var body: some View {
        let account = services.account
        Form {
            Section {
                TextField(tr("login_team"), text: $team)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                    .accessibilityHint(tr("login_team_hint"))
                TextField(tr("login_email"), text: $email)
                    .keyboardType(.emailAddress)
                    .textContentType(.username)
                    .textInputAutocapitalization(.never)
                PasswordField(title: tr("login_password"), text: $password)
            } footer: {
                Text(tr("login_team_hint"))
            }
            ErrorBanner(error: account.error)
            Button(account.busy ? tr("login_busy") : tr("login_submit")) {
                Task { await account.logIn(LoginRequest(tenant: team, email: email, password: password)) }
            }
            .disabled(account.busy || team.isEmpty || email.isEmpty || password.isEmpty)
            Button(tr("login_to_signup"), action: switchToSignup)
        }
        .navigationTitle(tr("login_title"))
    }
}

struct SignupView: View {
    @Environment(AppServices.self) private var services
    let switchToLogin: () -> Void
    @State private var teamName = ""
    @State private var teamSlug = ""
    @State private var name = ""
    @State private var email = ""
    @State private var password = ""

    var body: some View {
        let account = services.account
        Form {
            Section {
                TextField(tr("signup_team_name"), text: $teamName)
                TextField(tr("signup_team_slug"), text: $teamSlug)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
            } footer: {
                Text(tr("signup_team_slug_hint"))
            }
            Section {
                TextField(tr("signup_name"), text: $name)
                    .textContentType(.name)
                TextField(tr("login_email"), text: $email)
                    .keyboardType(.emailAddress)
                    .textContentType(.username)
                    .textInputAutocapitalization(.never)
                PasswordField(title: tr("login_password"), text: $password, newPassword: true)
            }
            ErrorBanner(error: account.error)
            if let problem = account.error?.problem, let errors = problem.errors {
                ForEach(errors, id: \.field) { error in
                    Text("\(error.field): \(error.message)").font(.caption).foregroundStyle(.red)
                }
            }
            Button(account.busy ? tr("signup_busy") : tr("signup_submit")) {
                let request = SignupRequest(
                    tenantName: teamName, tenantSlug: teamSlug.isEmpty ? nil : teamSlug,
                    name: name, email: email, password: password
                )
                Task { await account.signUp(request) }
            }
            .disabled(account.busy || teamName.isEmpty || name.isEmpty || email.isEmpty || password.isEmpty)
            Button(tr("signup_to_login"), action: switchToLogin)
        }
        .navigationTitle(tr("signup_title"))
    }
}

/// A password field with a show/hide toggle.
struct PasswordField: View {
    let title: String
    @Binding var text: String
    var newPassword = false
    @State private var visible = false

    var body: some View {
        HStack {
            Group {
                if visible {
                    TextField(title, text: $text)
                } else {
                    SecureField(title, text: $text)
                }
            }
            .textContentType(newPassword ? .newPassword : .password)
            .textInputAutocapitalization(.never)
            .autocorrectionDisabled()
            Button {
                visible.toggle()
            } label: {
                Image(systemName: visible ? "eye.slash" : "eye")
            }
            .buttonStyle(.borderless)
            .accessibilityLabel(visible ? tr("auth_hide_password") : tr("auth_show_password"))
        }
    }
}
