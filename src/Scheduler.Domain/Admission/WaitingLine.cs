namespace Scheduler.Domain.Admission;

/// <summary>
/// A partition's waiting tickets in admission order (by order key), where a join, an admission, a ticket's rank and the
/// key at a rank each cost O(log n) whatever the line holds: a treap (a binary search tree kept balanced by random
/// priorities) whose nodes know their subtree's size. A sorted array costs O(n) to insert an early arrival's random key
/// or to remove the head, which is what every admission does. Keys are unique. Not thread-safe: its grain calls it one
/// turn at a time.
/// </summary>
public sealed class WaitingLine<T>
{
    private readonly Random priorities;
    private Node? root;

    public WaitingLine(int? seed = null) => priorities = seed is { } s ? new Random(s) : new Random();

    public int Count => Size(root);

    /// <summary>Adds <paramref name="value"/> under <paramref name="key"/>; a key already in the line is refused.</summary>
    public void Add(long key, T value)
    {
        if (Contains(key))
        {
            throw new ArgumentException($"The key {key} is already in the line.", nameof(key));
        }

        var (less, rest) = Split(root, key);
        root = Merge(Merge(less, new Node(key, value, priorities.Next())), rest);
    }

    /// <summary>Removes the ticket under <paramref name="key"/>; false when there is none.</summary>
    public bool Remove(long key)
    {
        var removed = false;
        root = Remove(root, key, ref removed);
        return removed;
    }

    public bool Contains(long key)
    {
        for (var node = root; node is not null; node = key < node.Key ? node.Left : node.Right)
        {
            if (node.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many keys in the line are smaller than <paramref name="key"/> (its rank, when it is in the line).</summary>
    public int Rank(long key)
    {
        var rank = 0;
        for (var node = root; node is not null;)
        {
            if (key <= node.Key)
            {
                node = node.Left;
            }
            else
            {
                rank += Size(node.Left) + 1;
                node = node.Right;
            }
        }

        return rank;
    }

    /// <summary>The key at <paramref name="rank"/> (0: the head).</summary>
    public long KeyAt(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Count);
        var node = root!;
        while (true)
        {
            var left = Size(node.Left);
            if (rank < left)
            {
                node = node.Left!;
            }
            else if (rank == left)
            {
                return node.Key;
            }
            else
            {
                rank -= left + 1;
                node = node.Right!;
            }
        }
    }

    /// <summary>The line from its head, lazily: taking the first k costs O(k + log n).</summary>
    public IEnumerable<(long Key, T Value)> InOrder()
    {
        var path = new Stack<Node>();
        var node = root;
        while (node is not null || path.Count > 0)
        {
            while (node is not null)
            {
                path.Push(node);
                node = node.Left;
            }

            node = path.Pop();
            yield return (node.Key, node.Value);
            node = node.Right;
        }
    }

    private static int Size(Node? node) => node?.Size ?? 0;

    /// <summary>Every key of <paramref name="left"/> is smaller than every key of <paramref name="right"/>.</summary>
    private static Node? Merge(Node? left, Node? right)
    {
        if (left is null)
        {
            return right;
        }

        if (right is null)
        {
            return left;
        }

        if (left.Priority > right.Priority)
        {
            left.Right = Merge(left.Right, right);
            left.Resize();
            return left;
        }

        right.Left = Merge(left, right.Left);
        right.Resize();
        return right;
    }

    /// <summary>Keys smaller than <paramref name="key"/>, and the others.</summary>
    private static (Node? Less, Node? NotLess) Split(Node? node, long key)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (node.Key < key)
        {
            var (less, rest) = Split(node.Right, key);
            node.Right = less;
            node.Resize();
            return (node, rest);
        }
        else
        {
            var (less, rest) = Split(node.Left, key);
            node.Left = rest;
            node.Resize();
            return (less, node);
        }
    }

    private static Node? Remove(Node? node, long key, ref bool removed)
    {
        if (node is null)
        {
            return null;
        }

        if (key == node.Key)
        {
            removed = true;
            return Merge(node.Left, node.Right);
        }

        if (key < node.Key)
        {
            node.Left = Remove(node.Left, key, ref removed);
        }
        else
        {
            node.Right = Remove(node.Right, key, ref removed);
        }

        node.Resize();
        return node;
    }

    private sealed class Node(long key, T value, int priority)
    {
        public long Key { get; } = key;

        public T Value { get; } = value;

        public int Priority { get; } = priority;

        public Node? Left { get; set; }

        public Node? Right { get; set; }

        public int Size { get; private set; } = 1;

        public void Resize() => Size = 1 + (Left?.Size ?? 0) + (Right?.Size ?? 0);
    }
}
