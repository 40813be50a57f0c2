package app.pocdojo.core.ui.media

/** A report or yearly-video job as the screen follows it. */
data class JobItem(
    val id: String,
    /** `report` or `video`. */
    val kind: String,
    /** `queued`, `running`, `succeeded` or `failed`. */
    val status: String,
    /** 0..100. */
    val progress: Int,
    val error: String? = null,
    /** When [status] is `succeeded`: a short-lived download URL. */
    val resultUrl: String? = null,
    val resultContentType: String? = null,
    val resultBytes: Long? = null,
) {
    val finished: Boolean get() = status == "succeeded" || status == "failed"
}

/** What the reports and videos screen needs from the core's platform client. */
interface MediaPort {
    /** `scope`: `tenant` or `me`; dates `YYYY-MM-DD` (`to` exclusive); `format`: `pdf`, `csv`, `json`. Returns the job id. */
    suspend fun requestReport(scope: String, from: String, to: String, format: String): String

    /** The caller's yearly video; returns the job id. */
    suspend fun requestVideo(year: Int): String

    suspend fun jobs(): List<JobItem>

    suspend fun job(id: String): JobItem
}
