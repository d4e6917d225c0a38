//! First-fit-decreasing bin packing of pods onto identical nodes: pods in
//! decreasing order of their larger share of a node (CPU or memory), each
//! on the first node with room for its CPU, memory and one more pod, a new
//! node when none has room.

/// One pod's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pod {
    /// CPU request, millicores.
    pub cpu: u32,
    /// Memory request, MiB.
    pub memory: u32,
}

/// What one node offers pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeRoom {
    /// CPU, millicores.
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
    /// Pods.
    pub pods: u32,
}

impl NodeRoom {
    /// Whether `pod` fits an empty node.
    pub fn fits(&self, pod: Pod) -> bool {
        pod.cpu <= self.cpu && pod.memory <= self.memory && self.pods >= 1
    }
}

/// Nodes needed for `pods`, or `None` when a pod fits no node.
pub fn nodes_needed(pods: &[Pod], room: NodeRoom) -> Option<u32> {
    if pods.iter().any(|p| !room.fits(*p)) {
        return None;
    }
    let share = |p: &Pod| {
        let cpu = u64::from(p.cpu) * u64::from(room.memory.max(1));
        let memory = u64::from(p.memory) * u64::from(room.cpu.max(1));
        cpu.max(memory)
    };
    let mut sorted: Vec<Pod> = pods.to_vec();
    sorted.sort_by_key(|p| std::cmp::Reverse(share(p)));
    let mut nodes: Vec<NodeRoom> = Vec::new();
    for pod in sorted {
        match nodes
            .iter_mut()
            .find(|n| n.cpu >= pod.cpu && n.memory >= pod.memory && n.pods >= 1)
        {
            Some(node) => {
                node.cpu -= pod.cpu;
                node.memory -= pod.memory;
                node.pods -= 1;
            }
            None => nodes.push(NodeRoom {
                cpu: room.cpu - pod.cpu,
                memory: room.memory - pod.memory,
                pods: room.pods - 1,
            }),
        }
    }
    u32::try_from(nodes.len()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: NodeRoom = NodeRoom {
        cpu: 4_000,
        memory: 16_000,
        pods: 30,
    };

    #[test]
    fn packing_counts_by_hand() {
        // Eight 1-CPU pods: four per node by CPU → 2 nodes.
        let pods = vec![
            Pod {
                cpu: 1_000,
                memory: 1_000
            };
            8
        ];
        assert_eq!(nodes_needed(&pods, ROOM), Some(2));
        // Memory binds: five 5,000 MiB pods, three fit per node by memory
        // (15,000 ≤ 16,000) → 2 nodes.
        let pods = vec![
            Pod {
                cpu: 100,
                memory: 5_000
            };
            5
        ];
        assert_eq!(nodes_needed(&pods, ROOM), Some(2));
        // Pods bind: 61 tiny pods, 30 per node → 3 nodes.
        let pods = vec![
            Pod {
                cpu: 10,
                memory: 10
            };
            61
        ];
        assert_eq!(nodes_needed(&pods, ROOM), Some(3));
        // Decreasing order packs 3 + 1 and 2 + 2 CPU into two nodes.
        let pods = [1_000, 2_000, 3_000, 2_000].map(|cpu| Pod { cpu, memory: 100 });
        assert_eq!(nodes_needed(&pods, ROOM), Some(2));
        // A pod bigger than a node fits nowhere.
        assert_eq!(
            nodes_needed(
                &[Pod {
                    cpu: 5_000,
                    memory: 1
                }],
                ROOM
            ),
            None
        );
        assert_eq!(nodes_needed(&[], ROOM), Some(0));
    }
}
