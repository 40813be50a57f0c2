package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.Dojo
import app.pocdojo.core.api.DojoCreate
import app.pocdojo.core.api.DojoUpdate
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.ui.dojos.DojoDraft
import app.pocdojo.core.ui.dojos.DojoItem
import app.pocdojo.core.ui.dojos.DojoPort
import app.pocdojo.core.ui.dojos.KataItem

/** The dojo lobby over [PlatformApi]. */
class CoreDojoPort(private val platform: PlatformApi) : DojoPort {
    override suspend fun dojos(): List<DojoItem> = api { platform.dojos(limit = 100) }.items.map { it.item() }

    override suspend fun katas(): List<KataItem> =
        api { platform.katas() }.map { KataItem(it.id, it.title, it.summary, it.difficulty, it.languages) }

    override suspend fun create(draft: DojoDraft): DojoItem = api {
        platform.createDojo(
            DojoCreate(
                draft.title, draft.language, draft.durationMinutes, draft.rotationMinutes, draft.editPolicy,
                draft.kataId, draft.scheduledAt,
            ),
        )
    }.item()

    override suspend fun get(id: String): DojoItem = api { platform.dojo(id) }.item()

    override suspend fun finish(id: String): DojoItem = api { platform.updateDojo(id, DojoUpdate(finished = true)) }.item()

    private fun Dojo.item() = DojoItem(
        id, title, kataId, language, durationMinutes.toInt(), rotationMinutes.toInt(), editPolicy, scheduledAt, status,
    )
}
