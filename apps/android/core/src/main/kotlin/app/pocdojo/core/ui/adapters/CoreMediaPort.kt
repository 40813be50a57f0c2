package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.Job
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.api.ReportRequest
import app.pocdojo.core.api.VideoRequest
import app.pocdojo.core.ui.media.JobItem
import app.pocdojo.core.ui.media.MediaPort

/** Reports and videos over [PlatformApi]. */
class CoreMediaPort(private val platform: PlatformApi) : MediaPort {
    override suspend fun requestReport(scope: String, from: String, to: String, format: String): String =
        api { platform.requestReport(ReportRequest(scope, from, to, format)) }.jobId

    override suspend fun requestVideo(year: Int): String = api { platform.requestVideo(VideoRequest(year)) }.jobId

    override suspend fun jobs(): List<JobItem> = api { platform.jobs() }.map { it.item() }

    override suspend fun job(id: String): JobItem = api { platform.job(id) }.item()

    private fun Job.item() = JobItem(
        id, kind, status, progress, error, result?.url, result?.contentType, result?.bytes?.toLong(),
    )
}
