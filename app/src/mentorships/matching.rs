//! Whole-queue matching for the coordinator's "match everyone" action.
//!
//! Taking the best-scoring pair first can strand a request that had only one
//! possible mentor, or lose total fit, so the queue is solved exactly as a
//! min-cost flow instead. Requests are added one at a time and each is routed
//! along a shortest augmenting path (Dijkstra on reduced costs, as in the
//! Hungarian method), which keeps the partial assignment optimal at every
//! step. Leaving a request unassigned is an explicit, very expensive option,
//! so every request is routed somewhere and the count of real pairs always
//! outweighs their scores.

use std::cmp::Reverse;

/// Marks a node with no predecessor (where the path starts).
const NO_NODE: usize = usize::MAX;

/// Proposes an optimal assignment of the request queue to mentors.
///
/// `capacities[j]` is how many more mentees mentor `j` can take, and
/// `fit[i][j]` is the score of giving request `i` mentor `j` (higher is
/// better), or `None` if that pair is not allowed.
///
/// Entry `i` of the result is request `i`'s proposed mentor: each `Some(j)` is
/// one proposed pair (request index `i`, mentor index `j`). The assignment
/// first maximises the number of requests assigned, then the total fit, and
/// never gives mentor `j` more than `capacities[j]` requests. The same input
/// always yields the same output.
///
/// # Panics
///
/// Panics if a row of `fit` does not have one entry per mentor.
pub fn best_assignment(capacities: &[u32], fit: &[Vec<Option<u32>>]) -> Vec<Option<usize>> {
    for row in fit {
        assert_eq!(
            row.len(),
            capacities.len(),
            "fit needs one entry per mentor"
        );
    }
    // Routing the strongest fits first keeps later augmenting paths short
    // (later requests rarely displace earlier ones); optimality is unaffected.
    let mut order: Vec<usize> = (0..fit.len()).collect();
    order.sort_by_key(|&i| Reverse(fit[i].iter().flatten().max()));
    let mut solver = Solver::new(capacities, fit);
    for request in order {
        solver.route(request);
    }
    solver.assigned
}

/// Residual-graph state of the flow. Nodes `0..n` are requests and `n..n + m`
/// are mentors; the sink is implicit (see [`Solver::exit`]).
struct Solver<'a> {
    capacities: &'a [u32],
    fit: &'a [Vec<Option<u32>>],
    /// Pair costs are `max_score - score`, so they are never negative.
    max_score: i64,
    /// Exceeds the cost of any set of real pairs, so one more pair always wins.
    unassigned_cost: i64,
    assigned: Vec<Option<usize>>,
    /// Requests currently held by each mentor.
    seats: Vec<Vec<usize>>,
    /// Johnson potentials keeping every reduced cost Dijkstra sees
    /// non-negative; the sink's potential stays 0.
    potential: Vec<i64>,
    dist: Vec<i64>,
    parent: Vec<usize>,
    settled: Vec<bool>,
    /// Nodes reached in the current search, so resetting costs only them.
    touched: Vec<usize>,
    /// Reached, unsettled nodes. Scanning them for the nearest is cheap next
    /// to expanding a request, which looks at every mentor, so no heap.
    frontier: Vec<usize>,
    /// Cheapest way found so far to end the path at the sink, and the node it
    /// leaves from: a mentor with room, or a request giving up its seat.
    exit: (i64, usize),
}

impl<'a> Solver<'a> {
    fn new(capacities: &'a [u32], fit: &'a [Vec<Option<u32>>]) -> Self {
        let nodes = fit.len() + capacities.len();
        let max_score = fit
            .iter()
            .flatten()
            .flatten()
            .copied()
            .max()
            .map_or(0, i64::from);
        Self {
            capacities,
            fit,
            max_score,
            unassigned_cost: max_score * fit.len() as i64 + 1,
            assigned: vec![None; fit.len()],
            seats: vec![Vec::new(); capacities.len()],
            potential: vec![0; nodes],
            dist: vec![i64::MAX; nodes],
            parent: vec![NO_NODE; nodes],
            settled: vec![false; nodes],
            touched: Vec::new(),
            frontier: Vec::new(),
            exit: (i64::MAX, NO_NODE),
        }
    }

    fn cost(&self, request: usize, mentor: usize) -> Option<i64> {
        self.fit[request][mentor].map(|score| self.max_score - i64::from(score))
    }

    fn has_room(&self, mentor: usize) -> bool {
        self.seats[mentor].len() < self.capacities[mentor] as usize
    }

    /// Adds `request` to the flow along a cheapest augmenting path.
    fn route(&mut self, request: usize) {
        let n = self.fit.len();
        self.exit = (i64::MAX, NO_NODE);
        self.relax(request, 0, NO_NODE);
        while let Some((pos, &node)) = self
            .frontier
            .iter()
            .enumerate()
            .min_by_key(|&(_, &v)| (self.dist[v], v))
        {
            let d = self.dist[node];
            // Nothing left is nearer than the best exit already found.
            if d >= self.exit.0 {
                break;
            }
            self.frontier.swap_remove(pos);
            self.settled[node] = true;
            if node < n {
                self.expand_request(node, d);
            } else {
                self.expand_mentor(node - n, d);
            }
        }
        self.frontier.clear();
        self.augment();

        let length = self.exit.0;
        for &node in &self.touched {
            // Shifting by the path length keeps the sink's potential at 0.
            if self.settled[node] {
                self.potential[node] += self.dist[node] - length;
            }
            self.dist[node] = i64::MAX;
            self.settled[node] = false;
        }
        self.touched.clear();
    }

    fn relax(&mut self, node: usize, d: i64, from: usize) {
        if d >= self.dist[node] {
            return;
        }
        if self.dist[node] == i64::MAX {
            self.touched.push(node);
            self.frontier.push(node);
        }
        self.dist[node] = d;
        self.parent[node] = from;

        let n = self.fit.len();
        // Any reached request may drop out (it is the new one or holds a
        // seat); a mentor with room ends the path for free.
        let exit_cost = if node < n {
            Some(self.unassigned_cost)
        } else if self.has_room(node - n) {
            Some(0)
        } else {
            None
        };
        if let Some(cost) = exit_cost {
            let total = d + cost + self.potential[node];
            if total < self.exit.0 {
                self.exit = (total, node);
            }
        }
    }

    fn expand_request(&mut self, request: usize, d: i64) {
        let n = self.fit.len();
        for mentor in 0..self.capacities.len() {
            // The pair already in the flow has no forward capacity left.
            if self.assigned[request] == Some(mentor) {
                continue;
            }
            if let Some(cost) = self.cost(request, mentor) {
                let reduced = cost + self.potential[request] - self.potential[n + mentor];
                self.relax(n + mentor, d + reduced, request);
            }
        }
    }

    /// Follows the mentor's seats backwards: a holder may move elsewhere.
    /// Requests left unassigned hold no seat, so they are never re-entered:
    /// with no negative cycle in the residual graph, seating one again never
    /// beats leaving the new request out.
    fn expand_mentor(&mut self, mentor: usize, d: i64) {
        let node = self.fit.len() + mentor;
        for k in 0..self.seats[mentor].len() {
            let holder = self.seats[mentor][k];
            if let Some(cost) = self.cost(holder, mentor) {
                let reduced = -cost + self.potential[node] - self.potential[holder];
                self.relax(holder, d + reduced, node);
            }
        }
    }

    /// Shifts seats along the path found, from its exit back to the new request.
    fn augment(&mut self) {
        let n = self.fit.len();
        let (_, mut node) = self.exit;
        let mut seat = None;
        if node >= n {
            seat = Some(node - n);
            node = self.parent[node];
        }
        // `node` is a request taking `seat` (or dropping out) and freeing the
        // seat it held for the request that reached it.
        loop {
            let old = std::mem::replace(&mut self.assigned[node], seat);
            if let Some(mentor) = seat {
                self.seats[mentor].push(node);
            }
            let Some(old) = old else { break };
            self.seats[old].retain(|&holder| holder != node);
            seat = Some(old);
            node = self.parent[n + old];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tiny deterministic xorshift generator, so the tests need no crates.
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % bound
        }
    }

    fn random_case(
        rng: &mut XorShift,
        requests: usize,
        mentors: usize,
        max_capacity: u64,
    ) -> (Vec<u32>, Vec<Vec<Option<u32>>>) {
        let capacities = (0..mentors)
            .map(|_| rng.below(max_capacity + 1) as u32)
            .collect();
        let fit = (0..requests)
            .map(|_| {
                (0..mentors)
                    .map(|_| (rng.below(3) > 0).then(|| rng.below(21) as u32))
                    .collect()
            })
            .collect();
        (capacities, fit)
    }

    /// (number assigned, total fit), compared lexicographically.
    fn objective(fit: &[Vec<Option<u32>>], assignment: &[Option<usize>]) -> (usize, u64) {
        let scores: Vec<u64> = assignment
            .iter()
            .enumerate()
            .filter_map(|(i, &j)| fit[i][j?].map(u64::from))
            .collect();
        (scores.len(), scores.iter().sum())
    }

    fn assert_valid(capacities: &[u32], fit: &[Vec<Option<u32>>], assignment: &[Option<usize>]) {
        assert_eq!(assignment.len(), fit.len());
        let mut load = vec![0; capacities.len()];
        for (i, &j) in assignment.iter().enumerate() {
            if let Some(j) = j {
                assert!(
                    fit[i][j].is_some(),
                    "request {i} given forbidden mentor {j}"
                );
                load[j] += 1;
            }
        }
        for (j, (&used, &capacity)) in load.iter().zip(capacities).enumerate() {
            assert!(used <= capacity, "mentor {j} over capacity");
        }
    }

    fn brute_force(
        capacities: &[u32],
        fit: &[Vec<Option<u32>>],
        request: usize,
        load: &mut [u32],
        current: (usize, u64),
    ) -> (usize, u64) {
        if request == fit.len() {
            return current;
        }
        let mut best = brute_force(capacities, fit, request + 1, load, current);
        for (j, score) in fit[request].iter().enumerate() {
            if let Some(score) = score {
                if load[j] < capacities[j] {
                    load[j] += 1;
                    let next = (current.0 + 1, current.1 + u64::from(*score));
                    best = best.max(brute_force(capacities, fit, request + 1, load, next));
                    load[j] -= 1;
                }
            }
        }
        best
    }

    #[test]
    fn beats_greedy() {
        // Greedy takes (0, 0) = 10 first and strands request 1.
        let fit = vec![vec![Some(10), Some(9)], vec![Some(8), None]];
        let assignment = best_assignment(&[1, 1], &fit);
        assert_eq!(assignment, vec![Some(1), Some(0)]);
        assert_eq!(objective(&fit, &assignment), (2, 17));

        // Greedy takes (0, 0) = 10, then (1, 1) = 1: total 11 instead of 18.
        let fit = vec![vec![Some(10), Some(9)], vec![Some(9), Some(1)]];
        let assignment = best_assignment(&[1, 1], &fit);
        assert_eq!(assignment, vec![Some(1), Some(0)]);
        assert_eq!(objective(&fit, &assignment), (2, 18));
    }

    #[test]
    fn more_pairs_beat_higher_scores() {
        // One pair scoring 100 loses to two pairs scoring 0.
        let fit = vec![vec![Some(100), Some(0)], vec![Some(0), None]];
        let assignment = best_assignment(&[1, 1], &fit);
        assert_eq!(assignment, vec![Some(1), Some(0)]);
    }

    #[test]
    fn respects_capacities_above_one_and_zero() {
        // Everyone would love mentor 1, who has no room.
        let fit = vec![
            vec![Some(5), Some(20), Some(1)],
            vec![Some(4), Some(20), Some(3)],
            vec![Some(3), Some(20), None],
            vec![None, Some(20), Some(1)],
        ];
        let capacities = [2, 0, 1];
        let assignment = best_assignment(&capacities, &fit);
        assert_eq!(assignment, vec![Some(0), Some(2), Some(0), None]);
        assert_eq!(objective(&fit, &assignment), (3, 11));
        assert_valid(&capacities, &fit, &assignment);
    }

    #[test]
    fn respects_forbidden_pairs() {
        let fit = vec![vec![None, Some(1)], vec![Some(50), None], vec![None, None]];
        let assignment = best_assignment(&[1, 1], &fit);
        assert_eq!(assignment, vec![Some(1), Some(0), None]);
    }

    #[test]
    fn handles_empty_inputs() {
        assert!(best_assignment(&[], &[]).is_empty());
        assert_eq!(best_assignment(&[], &[vec![], vec![]]), vec![None, None]);
        assert!(best_assignment(&[3], &[]).is_empty());
    }

    #[test]
    fn matches_brute_force_on_small_random_cases() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for case in 0..300 {
            let requests = rng.below(7) as usize;
            let mentors = rng.below(5) as usize;
            let (capacities, fit) = random_case(&mut rng, requests, mentors, 2);
            let assignment = best_assignment(&capacities, &fit);
            assert_valid(&capacities, &fit, &assignment);
            let mut load = vec![0; mentors];
            let best = brute_force(&capacities, &fit, 0, &mut load, (0, 0));
            assert_eq!(objective(&fit, &assignment), best, "case {case}: {fit:?}");
            assert_eq!(
                best_assignment(&capacities, &fit),
                assignment,
                "not deterministic"
            );
        }
    }

    #[test]
    fn handles_a_large_queue() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        let (capacities, fit) = random_case(&mut rng, 500, 300, 3);
        let assignment = best_assignment(&capacities, &fit);
        assert_valid(&capacities, &fit, &assignment);
    }
}
