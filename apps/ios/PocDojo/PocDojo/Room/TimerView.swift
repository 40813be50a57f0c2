import PocDojoKit
import SwiftUI

/// The kata timer and the next rotation, on the server's clock (corrected for skew).
struct TimerView: View {
    let timer: TimerState
    let clock: ServerClock

    var body: some View {
        TimelineView(.periodic(from: .now, by: 0.5)) { context in
            let remaining = ServerClock.format(ms: clock.remainingMs(timer, at: context.date))
            HStack {
                Image(systemName: timer.status == .running ? "timer" : "pause.circle")
                Text(remaining).font(.title3.monospacedDigit().bold())
                Text(statusName).foregroundStyle(.secondary)
                if let next = clock.msUntilRotation(timer, at: context.date), next > 0 {
                    Text(tr("room_next_rotation", ServerClock.format(ms: next))).foregroundStyle(.secondary)
                }
                Spacer()
            }
            .font(.callout)
            .padding(.horizontal)
            .padding(.vertical, 4)
            .accessibilityElement(children: .ignore)
            .accessibilityLabel("\(tr("room_timer")): \(tr("room_timer_remaining", remaining)), \(statusName)")
        }
    }

    private var statusName: String {
        switch timer.status {
        case .idle: return tr("room_timer_idle")
        case .running: return tr("room_timer_running")
        case .paused: return tr("room_timer_paused")
        case .ended: return tr("room_timer_ended")
        }
    }
}
