package app.pocdojo.android.ui.common

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope

/**
 * The Android ViewModel around one of the core's view models: it gives the core
 * model `viewModelScope`, so the model survives configuration changes and its
 * work stops when the screen leaves the back stack. [onCleared] runs then too.
 */
class CoreViewModel<T : Any>(create: (CoroutineScope) -> T, private val onCleared: (T) -> Unit) : ViewModel() {
    val model: T = create(viewModelScope)

    override fun onCleared() = onCleared(model)
}

/** The core view model of this destination, created once per back-stack entry ([key] tells instances apart). */
@Composable
inline fun <reified T : Any> coreViewModel(
    key: String? = null,
    noinline onCleared: (T) -> Unit = {},
    noinline create: (CoroutineScope) -> T,
): T = viewModel(key = key?.let { "${T::class.java.name}:$it" }) { CoreViewModel(create, onCleared) }.model
