//! Work shared among workers that each own something that cannot be shared (an ONNX Runtime
//! session): each worker, in a thread of its own, takes the next item when it is free, so long
//! and short sentences even out.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `work(worker, item)` for every item, each on the next free worker; the results in the
/// items' order (`None` only for an item no worker reached: there were no workers).
pub fn on_free_workers<W, T, R>(
    workers: &mut [W],
    items: &[T],
    work: impl Fn(&mut W, &T) -> R + Sync,
) -> Vec<Option<R>>
where
    W: Send,
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for worker in workers.iter_mut() {
            let (next, slots, work) = (&next, &slots, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = work(worker, item);
                    *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| s.into_inner().unwrap_or_else(|p| p.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_in_order_whatever_worker_took_it() {
        let mut workers = vec![0usize; 3];
        let items: Vec<u64> = (0..50).collect();
        let out = on_free_workers(&mut workers, &items, |count, x| {
            *count += 1;
            x * 2
        });
        assert_eq!(out, items.iter().map(|x| Some(x * 2)).collect::<Vec<_>>());
        assert_eq!(workers.iter().sum::<usize>(), 50);
        assert_eq!(
            on_free_workers(&mut Vec::<u8>::new(), &[1], |_, x| *x),
            [None]
        );
    }
}
