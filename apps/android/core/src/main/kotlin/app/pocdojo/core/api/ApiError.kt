package app.pocdojo.core.api

import kotlinx.serialization.Serializable

/** An RFC 9457 problem from platform-api (`application/problem+json`). */
@Serializable
data class Problem(
    val type: String = "about:blank",
    val title: String = "",
    val status: Int,
    val code: String = "",
    val detail: String? = null,
    val instance: String? = null,
    val errors: List<FieldError>? = null,
    val requestId: String? = null,
)

@Serializable data class FieldError(val field: String, val message: String, val code: String? = null)

/** Every failure of the platform API client, by what the caller does about it. */
sealed class ApiError(message: String, cause: Throwable? = null) : Exception(message, cause) {
    /** The server's problem document, when it sent one. */
    open val problem: Problem? get() = null

    sealed class WithProblem(override val problem: Problem) : ApiError("${problem.status} ${problem.code}: ${problem.detail ?: problem.title}")

    /** 401: signed out, expired session or bad credentials; the token store has been cleared when refresh failed. */
    class Unauthenticated(problem: Problem) : WithProblem(problem)

    /** 403: the member's role does not allow it. */
    class Forbidden(problem: Problem) : WithProblem(problem)

    /** 404. */
    class NotFound(problem: Problem) : WithProblem(problem)

    /** 400/422: the request is invalid; [fieldErrors] say where. */
    class Invalid(problem: Problem) : WithProblem(problem) {
        val fieldErrors: List<FieldError> get() = problem.errors.orEmpty()
    }

    /** 409: e.g. an e-mail or slug already taken. */
    class Conflict(problem: Problem) : WithProblem(problem)

    /** 412 (someone else changed it: reload and retry) or 428 (If-Match missing). */
    class VersionMismatch(problem: Problem) : WithProblem(problem)

    /** 429: wait [retryAfterSeconds]. */
    class RateLimited(problem: Problem, val retryAfterSeconds: Long?) : WithProblem(problem)

    /** 5xx or another status. */
    class Server(problem: Problem) : WithProblem(problem)

    /** No answer or an answer that is not the API's (network down, proxy page, bad JSON). */
    class Transport(message: String, cause: Throwable? = null) : ApiError(message, cause)

    companion object {
        fun of(problem: Problem, retryAfter: Long?): ApiError = when (problem.status) {
            401 -> Unauthenticated(problem)
            403 -> Forbidden(problem)
            404 -> NotFound(problem)
            400, 422 -> Invalid(problem)
            409 -> Conflict(problem)
            412, 428 -> VersionMismatch(problem)
            429 -> RateLimited(problem, retryAfter)
            else -> Server(problem)
        }
    }
}
