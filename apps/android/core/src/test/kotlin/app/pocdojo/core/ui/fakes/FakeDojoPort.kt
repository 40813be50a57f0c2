package app.pocdojo.core.ui.fakes

import app.pocdojo.core.ui.dojos.DojoDraft
import app.pocdojo.core.ui.dojos.DojoItem
import app.pocdojo.core.ui.dojos.DojoPort
import app.pocdojo.core.ui.dojos.KataItem

class FakeDojoPort : DojoPort {
    val dojos = mutableListOf<DojoItem>()
    val katas = mutableListOf(
        KataItem("fizzbuzz", "FizzBuzz", "Numbers, Fizz and Buzz", "easy", listOf("typescript", "python", "java", "go")),
        KataItem("bank-ocr", "Bank OCR", "Read account numbers", "medium", listOf("python", "java")),
    )
    val created = mutableListOf<DojoDraft>()
    val finished = mutableListOf<String>()

    fun add(id: String, status: String, title: String = id) =
        DojoItem(id, title, null, "typescript", 60, 7, "driver", null, status).also { dojos += it }

    override suspend fun dojos() = dojos.toList()

    override suspend fun katas() = katas.toList()

    override suspend fun create(draft: DojoDraft): DojoItem {
        created += draft
        return DojoItem("d${created.size}", draft.title, draft.kataId, draft.language, draft.durationMinutes,
            draft.rotationMinutes, draft.editPolicy, null, "scheduled").also { dojos += it }
    }

    override suspend fun get(id: String) = dojos.first { it.id == id }

    override suspend fun finish(id: String): DojoItem {
        finished += id
        val i = dojos.indexOfFirst { it.id == id }
        dojos[i] = dojos[i].copy(status = "finished")
        return dojos[i]
    }
}
