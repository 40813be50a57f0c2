package app.pocdojo.android.ui.navigation

import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.AccountCircle
import androidx.compose.material.icons.filled.Groups
import androidx.compose.material.icons.filled.Lightbulb
import androidx.compose.material.icons.filled.Movie
import androidx.compose.material3.Icon
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.navigation.NavDestination.Companion.hasRoute
import androidx.navigation.NavDestination.Companion.hierarchy
import androidx.navigation.NavGraph.Companion.findStartDestination
import androidx.navigation.NavHostController
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import androidx.navigation.toRoute
import app.pocdojo.android.AppContainer
import app.pocdojo.android.R
import app.pocdojo.android.ui.account.AccountScreen
import app.pocdojo.android.ui.auth.LoginScreen
import app.pocdojo.android.ui.auth.SignupScreen
import app.pocdojo.android.ui.dojos.DojosScreen
import app.pocdojo.android.ui.media.MediaScreen
import app.pocdojo.android.ui.pocs.PocDetailScreen
import app.pocdojo.android.ui.pocs.PocListScreen
import app.pocdojo.android.ui.room.DojoRoomScreen

private data class Tab(val route: Any, val label: Int, val icon: ImageVector)

private val tabs = listOf(
    Tab(Routes.Pocs, R.string.nav_pocs, Icons.Filled.Lightbulb),
    Tab(Routes.Dojos, R.string.nav_dojos, Icons.Filled.Groups),
    Tab(Routes.Media, R.string.nav_media, Icons.Filled.Movie),
    Tab(Routes.Account, R.string.nav_account, Icons.Filled.AccountCircle),
)

/** The whole app: login/sign-up, then four tabs; the dojo room takes the full screen. */
@Composable
fun PocDojoNavHost(container: AppContainer, nav: NavHostController = rememberNavController()) {
    val entry by nav.currentBackStackEntryAsState()
    val destination = entry?.destination
    val showTabs = tabs.any { tab -> destination?.hierarchy?.any { it.hasRoute(tab.route::class) } == true }
    val signedIn = { nav.navigate(Routes.Pocs) { popUpTo(0) { inclusive = true } } }

    Scaffold(
        bottomBar = {
            if (showTabs) {
                NavigationBar {
                    for (tab in tabs) {
                        NavigationBarItem(
                            selected = destination?.hierarchy?.any { it.hasRoute(tab.route::class) } == true,
                            onClick = {
                                nav.navigate(tab.route) {
                                    popUpTo(nav.graph.findStartDestination().id) { saveState = true }
                                    launchSingleTop = true
                                    restoreState = true
                                }
                            },
                            icon = { Icon(tab.icon, contentDescription = null) },
                            label = { Text(stringResource(tab.label)) },
                        )
                    }
                }
            }
        },
    ) { padding ->
        NavHost(
            navController = nav,
            startDestination = if (container.signedIn) Routes.Pocs else Routes.Login,
            modifier = Modifier.padding(padding),
        ) {
            composable<Routes.Login> {
                LoginScreen(container.auth, onSignedIn = signedIn, onSignup = { nav.navigate(Routes.Signup) })
            }
            composable<Routes.Signup> {
                SignupScreen(container.auth, onSignedIn = signedIn, onLogin = { nav.popBackStack() })
            }
            composable<Routes.Pocs> {
                PocListScreen(container.pocs, onOpen = { nav.navigate(Routes.Poc(it)) }, onNew = { nav.navigate(Routes.Poc()) })
            }
            composable<Routes.Poc> { backStack ->
                val route = backStack.toRoute<Routes.Poc>()
                PocDetailScreen(
                    container.pocs,
                    pocId = route.id,
                    onBack = { nav.popBackStack() },
                    onCreated = { id -> nav.navigate(Routes.Poc(id)) { popUpTo<Routes.Poc> { inclusive = true } } },
                )
            }
            composable<Routes.Dojos> {
                DojosScreen(container.dojos, onOpenRoom = { nav.navigate(Routes.Room(it)) })
            }
            composable<Routes.Room> { backStack ->
                DojoRoomScreen(container.rooms, container.dojos, backStack.toRoute<Routes.Room>().dojoId, onBack = { nav.popBackStack() })
            }
            composable<Routes.Media> { MediaScreen(container.media, container.platform) }
            composable<Routes.Account> {
                AccountScreen(container.auth, onLoggedOut = { nav.navigate(Routes.Login) { popUpTo(0) { inclusive = true } } })
            }
        }
    }
}
