package app.pocdojo.core.ui.common

import java.io.IOException
import kotlin.coroutines.cancellation.CancellationException

/** What a port throws when the core failed in a way a screen should show: the adapter has already mapped it. */
class UiFailure(val error: UiError, cause: Throwable? = null) : Exception(error.toString(), cause)

/** The error a screen shows for [this]; cancellation is rethrown, never shown. */
fun Throwable.toUiError(): UiError = when (this) {
    is CancellationException -> throw this
    is UiFailure -> error
    is IOException -> UiError.Network
    else -> UiError.Unexpected(message ?: this::class.simpleName)
}

/** Runs [block], turning a failure into a [UiError] (cancellation still propagates). */
suspend fun <T> attempt(block: suspend () -> T): Result<T> = try {
    Result.success(block())
} catch (failure: Throwable) {
    Result.failure(UiFailure(failure.toUiError(), failure))
}

/** The [UiError] of a failed [attempt]. */
val Result<*>.uiError: UiError? get() = (exceptionOrNull() as? UiFailure)?.error
