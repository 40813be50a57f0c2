import PocDojoKit
import SwiftUI

@main
struct PocDojoApp: App {
    @State private var services = AppServices()

    var body: some Scene {
        WindowGroup {
            RootView()
                .environment(services)
        }
    }
}

/// Signed in → the tabs; signed out → sign-up and login.
struct RootView: View {
    @Environment(AppServices.self) private var services

    var body: some View {
        Group {
            switch services.account.state {
            case .unknown:
                ProgressView(tr("common_loading"))
            case .signedOut:
                AuthView()
            case .signedIn:
                MainTabView()
            }
        }
        .task { await services.account.restore() }
    }
}

struct MainTabView: View {
    @Environment(AppServices.self) private var services

    var body: some View {
        TabView {
            NavigationStack { PocListView(api: services.api) }
                .tabItem { Label(tr("nav_pocs"), systemImage: "lightbulb") }
            NavigationStack { DojoListView(api: services.api) }
                .tabItem { Label(tr("nav_dojos"), systemImage: "person.3") }
            NavigationStack { MediaView(api: services.api) }
                .tabItem { Label(tr("nav_media"), systemImage: "film") }
            NavigationStack { AccountView() }
                .tabItem { Label(tr("nav_account"), systemImage: "person.crop.circle") }
        }
    }
}
