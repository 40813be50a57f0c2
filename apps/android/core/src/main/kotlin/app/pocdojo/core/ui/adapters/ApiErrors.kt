package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.ApiError
import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.UiFailure
import java.io.IOException

/** The screen's view of the API client's typed errors. */
fun ApiError.toUiError(): UiError = when (this) {
    is ApiError.WithProblem -> UiError.Problem(
        status = problem.status,
        code = problem.code,
        title = problem.title,
        detail = problem.detail,
        fields = problem.errors.orEmpty().associate { it.field to it.message },
    )
    // Walk the chain: coroutines' stack-trace recovery may wrap the client's exception in a copy of itself.
    is ApiError.Transport -> if (generateSequence(cause) { it.cause }.any { it is IOException }) UiError.Network else UiError.Unexpected(message)
}

/** Runs a call of the API client, rethrowing its errors as [UiFailure]s the view models show. */
internal suspend fun <T> api(call: suspend () -> T): T = try {
    call()
} catch (error: ApiError) {
    throw UiFailure(error.toUiError(), error)
}
