package app.pocdojo.android

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import app.pocdojo.android.ui.navigation.PocDojoNavHost
import app.pocdojo.android.ui.theme.PocDojoTheme

/** The single activity: everything else is Compose destinations. */
class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val container = (application as PocDojoApplication).container
        setContent {
            PocDojoTheme {
                PocDojoNavHost(container)
            }
        }
    }
}
