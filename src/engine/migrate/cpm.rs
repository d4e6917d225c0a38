//! The critical path method over a phase graph: a forward pass for the
//! earliest start and finish, a backward pass for the latest, slack as
//! their difference, in whole working days from the schedule's start.
//! Linear in phases plus dependencies.

/// One activity: its duration and the indices of the activities that must
/// finish before it starts (finish-to-start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// Working days.
    pub duration: u32,
    /// Predecessors, as indices into the activity list.
    pub after: Vec<usize>,
}

/// Computed times of one activity, in working days from the start; a
/// finish is exclusive (an activity of 5 days starting at 0 finishes at 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    /// Earliest start.
    pub early_start: u32,
    /// Earliest finish.
    pub early_finish: u32,
    /// Latest start that keeps the end date.
    pub late_start: u32,
    /// Latest finish that keeps the end date.
    pub late_finish: u32,
}

impl Times {
    /// Days the activity can slip without moving the end.
    pub fn slack(&self) -> u32 {
        self.late_start - self.early_start
    }
}

/// The activities on a dependency cycle (or naming a missing predecessor),
/// which validation reports before any schedule is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unschedulable(pub Vec<usize>);

/// Times of every activity, the end, and the topological order used.
pub fn schedule(activities: &[Activity]) -> Result<(Vec<Times>, u32, Vec<usize>), Unschedulable> {
    let count = activities.len();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut waiting: Vec<usize> = vec![0; count];
    for (i, activity) in activities.iter().enumerate() {
        for &p in &activity.after {
            if p >= count {
                return Err(Unschedulable(vec![i]));
            }
            successors[p].push(i);
            waiting[i] += 1;
        }
    }
    // Kahn's algorithm, taking ready activities in declaration order so
    // the order (and every tie after it) is stable.
    let mut ready: std::collections::BTreeSet<usize> =
        (0..count).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(count);
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &s in &successors[i] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.insert(s);
            }
        }
    }
    if order.len() < count {
        return Err(Unschedulable(
            (0..count).filter(|&i| waiting[i] > 0).collect(),
        ));
    }
    let mut times = vec![Times::default(); count];
    for &i in &order {
        let start = activities[i]
            .after
            .iter()
            .map(|&p| times[p].early_finish)
            .max()
            .unwrap_or(0);
        times[i].early_start = start;
        times[i].early_finish = start.saturating_add(activities[i].duration);
    }
    let end = times.iter().map(|t| t.early_finish).max().unwrap_or(0);
    for &i in order.iter().rev() {
        let finish = successors[i]
            .iter()
            .map(|&s| times[s].late_start)
            .min()
            .unwrap_or(end);
        times[i].late_finish = finish;
        times[i].late_start = finish - activities[i].duration;
    }
    Ok((times, end, order))
}

/// One critical path: zero-slack activities from the start to the end,
/// each starting when the one before finishes; at each step the first in
/// declaration order. Empty only for an empty graph.
pub fn critical_path(activities: &[Activity], times: &[Times]) -> Vec<usize> {
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); activities.len()];
    for (i, activity) in activities.iter().enumerate() {
        for &p in &activity.after {
            successors[p].push(i);
        }
    }
    let critical = |i: usize| times[i].slack() == 0;
    let Some(mut current) = (0..times.len()).find(|&i| critical(i) && times[i].early_start == 0)
    else {
        return Vec::new();
    };
    let mut path = vec![current];
    // Successor lists are in declaration order, so the first match is too.
    while let Some(&next) = successors[current]
        .iter()
        .find(|&&s| critical(s) && times[s].early_start == times[current].early_finish)
    {
        current = next;
        path.push(next);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(duration: u32, after: &[usize]) -> Activity {
        Activity {
            duration,
            after: after.to_vec(),
        }
    }

    /// A diamond: 0 (2d) → 1 (5d) and 2 (3d) → 3 (1d). By hand: 1 ends at
    /// 7, 2 at 5, so 3 runs 7–8; 2 has 2 days of slack; the critical path
    /// is 0 → 1 → 3.
    #[test]
    fn a_diamond() {
        let activities = [
            activity(2, &[]),
            activity(5, &[0]),
            activity(3, &[0]),
            activity(1, &[1, 2]),
        ];
        let (times, end, _) = schedule(&activities).unwrap();
        assert_eq!(end, 8);
        assert_eq!((times[3].early_start, times[3].early_finish), (7, 8));
        assert_eq!(times[2].slack(), 2);
        assert_eq!((times[2].late_start, times[2].late_finish), (4, 7));
        assert_eq!(times[1].slack(), 0);
        assert_eq!(critical_path(&activities, &times), vec![0, 1, 3]);
    }

    /// Two independent chains run in parallel from day 0: 0 (4d) → 1 (4d),
    /// and 2 (3d) → 3 (2d), which has 3 days of slack.
    #[test]
    fn two_parallel_chains() {
        let activities = [
            activity(4, &[]),
            activity(4, &[0]),
            activity(3, &[]),
            activity(2, &[2]),
        ];
        let (times, end, _) = schedule(&activities).unwrap();
        assert_eq!(end, 8);
        assert_eq!(times[2].early_start, 0);
        assert_eq!(times[3].slack(), 3);
        assert_eq!(times[2].slack(), 3);
        assert_eq!(critical_path(&activities, &times), vec![0, 1]);
    }

    #[test]
    fn a_cycle_is_unschedulable() {
        let activities = [activity(1, &[1]), activity(1, &[0]), activity(1, &[])];
        assert_eq!(
            schedule(&activities).unwrap_err(),
            Unschedulable(vec![0, 1])
        );
    }

    #[test]
    fn a_milestone_at_the_end_is_on_the_path() {
        let activities = [activity(3, &[]), activity(0, &[0])];
        let (times, end, _) = schedule(&activities).unwrap();
        assert_eq!(end, 3);
        assert_eq!(critical_path(&activities, &times), vec![0, 1]);
    }
}
