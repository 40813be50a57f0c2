package app.pocdojo.core.ui.dojos

/** What the dojo lobby and the room's header need from the core's platform client. */
interface DojoPort {
    suspend fun dojos(): List<DojoItem>

    suspend fun katas(): List<KataItem>

    suspend fun create(draft: DojoDraft): DojoItem

    suspend fun get(id: String): DojoItem

    /** Marks the dojo finished (`PATCH {finished: true}`), facilitators and admins only. */
    suspend fun finish(id: String): DojoItem
}
