using System.Reflection;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>
/// Within a project, namespaces (its folders) depend on each other one way: two folders that use each other are
/// one piece of design split in two, and neither can be read without the other.
/// </summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Projects => [.. Layers.All.Select(assembly => assembly.GetName().Name!)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Namespaces_should_not_depend_on_each_other_in_a_cycle(string project) =>
        Cycles(NamespaceUses(Layers.All.Single(assembly => assembly.GetName().Name == project))).ShouldBeEmpty();

    [Fact]
    public void A_cycle_is_found()
    {
        var uses = new[] { ("A", "B"), ("B", "C"), ("C", "A"), ("C", "D") }.ToLookup(use => use.Item1, use => use.Item2);

        Cycles(uses).ShouldBe(["A, B, C"]);
    }

    // On Cecil: NetArchTest answers whether types use given names, but does not list what they use.
    private static ILookup<string, string> NamespaceUses(Assembly assembly)
    {
        var uses = TypeUses.In(assembly);
        var own = uses.Select(use => use.UserNamespace).Where(name => name.Length > 0).ToHashSet();
        return uses
            .Where(use => use.UsedNamespace != use.UserNamespace && own.Contains(use.UserNamespace) && own.Contains(use.UsedNamespace))
            .Select(use => (From: use.UserNamespace, To: use.UsedNamespace))
            .Distinct()
            .ToLookup(use => use.From, use => use.To);
    }

    // Each strongly connected group of namespaces (Tarjan): every member reaches every other.
    private static List<string> Cycles(ILookup<string, string> uses)
    {
        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<string>();
        foreach (var node in uses.Select(group => group.Key).Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;

        void Visit(string node)
        {
            index[node] = lowLink[node] = index.Count;
            stack.Push(node);
            foreach (var used in uses[node])
            {
                if (!index.ContainsKey(used))
                {
                    Visit(used);
                    lowLink[node] = Math.Min(lowLink[node], lowLink[used]);
                }
                else if (stack.Contains(used))
                {
                    lowLink[node] = Math.Min(lowLink[node], index[used]);
                }
            }

            if (lowLink[node] != index[node])
            {
                return;
            }

            var group = new HashSet<string>();
            string member;
            do
            {
                member = stack.Pop();
                group.Add(member);
            }
            while (member != node);
            if (group.Count > 1)
            {
                cycles.Add(string.Join(", ", group.Order(StringComparer.Ordinal)));
            }
        }
    }
}
