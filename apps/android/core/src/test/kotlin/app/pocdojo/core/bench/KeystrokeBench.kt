package app.pocdojo.core.bench

import app.pocdojo.core.api.DojoCreate
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.api.Signup
import app.pocdojo.core.dojo.Connection
import app.pocdojo.core.dojo.DojoSession
import app.pocdojo.core.e2e.E2eStack
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.double
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import java.util.UUID
import kotlin.system.exitProcess

/**
 * `npm run bench:kotlin` (not a test): against the real platform-api and dojo-engine on loopback,
 *  1. keystroke round trip Kotlin → TypeScript → Kotlin (a `>` typed by Kotlin, answered with `<` by a TypeScript
 *     client of the web app's protocol), beside the same round trip between two TypeScript clients in the same run;
 *  2. the Kotlin client's heap and RSS after a simulated hour-long session of 10,000 edits.
 * Every client syncs through the Automerge sync protocol (relay off), TypeScript waits poll every millisecond.
 */
private const val FILE = "fizzbuzz.ts"

private fun percentile(samples: List<Double>, p: Double): Double = samples.sorted().let { it[((it.size - 1) * p).toInt()] }

private fun describe(name: String, samples: List<Double>) =
    "%-34s n=%4d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms".format(name, samples.size, percentile(samples, 0.5), percentile(samples, 0.99), samples.max())

private fun rssKb(): Long = File("/proc/self/status").readLines().firstOrNull { it.startsWith("VmRSS:") }?.split(Regex("\\s+"))?.get(1)?.toLong() ?: -1

private fun usedHeapMb(): Double {
    repeat(3) { System.gc(); Thread.sleep(100) }
    val runtime = Runtime.getRuntime()
    return (runtime.totalMemory() - runtime.freeMemory()) / 1_048_576.0
}

fun main(args: Array<String>): Unit = runBlocking {
    val rounds = args.firstOrNull()?.toInt() ?: 300
    val edits = args.getOrNull(1)?.toInt() ?: 10_000
    val stack = E2eStack.start()
    try {
        val api = PlatformApi(stack.platformUrl)
        val tag = UUID.randomUUID().toString().take(8)
        api.signUp(Signup("Bench $tag", "Ada", "ada-$tag@bench.test", "correct-Horse-9"))
        fun dojo() = runBlocking { api.createDojo(DojoCreate("Bench", "typescript", 60, 10, "everyone", kataId = "fizzbuzz")).id }
        val token = api.tokens.load()!!.accessToken

        // 1. Kotlin ↔ TypeScript.
        val kotlinDojo = dojo()
        val kotlin = DojoSession({ api.dojoTicket(kotlinDojo) })
        kotlin.connect()
        withTimeout(60_000) { kotlin.state.first { it.connection == Connection.Joined && FILE in it.files } }
        stack.call("tsJoin", "client" to "echo", "dojoId" to kotlinDojo, "accessToken" to token)
        stack.call("tsEcho", "client" to "echo", "path" to FILE)
        val kotlinSamples = mutableListOf<Double>()
        repeat(rounds + 20) { i ->
            val before = kotlin.state.value.files[FILE]!!
            val answers = before.count { it == '<' }
            val start = System.nanoTime()
            kotlin.insert(FILE, before.length.toLong(), ">")
            withTimeout(10_000) { kotlin.state.first { s -> s.files[FILE]!!.count { it == '<' } > answers } }
            if (i >= 20) kotlinSamples += (System.nanoTime() - start) / 1e6
        }

        // The same round trip between two TypeScript clients, in another room of the same engine.
        val tsDojo = dojo()
        stack.call("tsJoin", "client" to "a", "dojoId" to tsDojo, "accessToken" to token)
        stack.call("tsJoin", "client" to "b", "dojoId" to tsDojo, "accessToken" to token)
        stack.call("tsChain", "from" to "a", "to" to "b", "path" to FILE, "count" to 20, timeoutSeconds = 300)
        val tsSamples = stack.call("tsChain", "from" to "a", "to" to "b", "path" to FILE, "count" to rounds, timeoutSeconds = 600)["samples"]!!
            .jsonArray.map { it.jsonPrimitive.double }

        println()
        println("keystroke round trip on loopback (sync protocol, one engine process)")
        println(describe("Kotlin → TypeScript → Kotlin", kotlinSamples))
        println(describe("TypeScript → TypeScript → TypeScript", tsSamples))
        println("ratio Kotlin/TypeScript: p50 %.2f×  p99 %.2f×".format(
            percentile(kotlinSamples, 0.5) / percentile(tsSamples, 0.5), percentile(kotlinSamples, 0.99) / percentile(tsSamples, 0.99)))
        kotlin.close()

        // 2. Heap after a long session: 10,000 edits (typing with a deletion every tenth keystroke).
        val longDojo = dojo()
        val writer = DojoSession({ api.dojoTicket(longDojo) })
        writer.connect()
        withTimeout(60_000) { writer.state.first { it.connection == Connection.Joined && FILE in it.files } }
        val heapBefore = usedHeapMb()
        val rssBefore = rssKb()
        val started = System.nanoTime()
        for (i in 1..edits) {
            val length = writer.state.value.files[FILE]!!.length.toLong()
            if (i % 10 == 0) writer.splice(FILE, length - 1, 1, "") else writer.insert(FILE, length, ('a' + i % 26).toString())
            // Let the event loop apply each edit before reading the length for the next one.
            withTimeout(30_000) { writer.state.first { s -> s.files[FILE]!!.length.toLong() != length } }
        }
        val elapsed = (System.nanoTime() - started) / 1e9
        val expected = writer.state.value.files[FILE]!!
        stack.call("tsJoin", "client" to "reader", "dojoId" to longDojo, "accessToken" to token)
        var seen = ""
        val deadline = System.currentTimeMillis() + 120_000
        while (seen != expected && System.currentTimeMillis() < deadline) {
            seen = stack.call("tsState", "client" to "reader")["files"]!!.let { (it as kotlinx.serialization.json.JsonObject)[FILE]!!.jsonPrimitive.content }
            if (seen != expected) Thread.sleep(200)
        }
        val saved = writer.saveDocument().size
        val heapAfter = usedHeapMb()
        val rssAfter = rssKb()
        println()
        println("long session: $edits edits in %.1f s (%.0f edits/s), %d characters, the same text at a TypeScript client that joined afterwards: %s".format(elapsed, edits / elapsed, expected.length, seen == expected))
        println("Kotlin session state: ${writer.state.value.connection}, errors ${writer.state.value.errors.map { it.code }}")
        println("Kotlin client heap after GC: %.1f MB before, %.1f MB after (+%.1f MB); process RSS %d MB → %d MB (includes the JVM and automerge's native heap); saved document %d bytes"
            .format(heapBefore, heapAfter, heapAfter - heapBefore, rssBefore / 1024, rssAfter / 1024, saved))
        writer.close()
    } finally {
        stack.close()
    }
    // OkHttp's and the sessions' threads would keep exec:java waiting.
    exitProcess(0)
}
