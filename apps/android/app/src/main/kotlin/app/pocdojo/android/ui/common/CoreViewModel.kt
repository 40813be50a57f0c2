package app.pocdojo.android.ui.common

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope

/**
 * The Android ViewModel around one of the core's view models: it gives the core
 * model `viewModelScope`, so the model survives configuration changes and its
 * work stops when the screen leaves the back stack; [release] runs then too.
 */
class CoreViewModel<T : Any>(create: (CoroutineScope) -> T, private val release: (T) -> Unit) : ViewModel() {
    val model: T = create(viewModelScope)

    override fun onCleared() = release(model)
}

/**
 * The core view model of type [T] for this destination, created once per
 * back-stack entry. The store key names [T] (every wrapper has the same class)
 * and [key], which tells two instances of one type apart.
 */
@Composable
inline fun <reified T : Any> coreViewModel(
    key: String? = null,
    noinline onCleared: (T) -> Unit = {},
    noinline create: (CoroutineScope) -> T,
): T = viewModel(key = T::class.java.name + key.orEmpty().let { if (it.isEmpty()) "" else ":$it" }) {
    CoreViewModel(create, onCleared)
}.model
