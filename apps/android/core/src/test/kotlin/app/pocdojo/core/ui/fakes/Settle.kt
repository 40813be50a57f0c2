package app.pocdojo.core.ui.fakes

import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent

/**
 * Lets a minute of virtual time pass. View models run in `backgroundScope`
 * (their flows never complete), and `advanceUntilIdle` does not run background work.
 */
@OptIn(ExperimentalCoroutinesApi::class)
fun TestScope.settle() {
    advanceTimeBy(60_000)
    runCurrent()
}
