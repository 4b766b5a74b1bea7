using System.Reflection;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;
using Orders.Web.Controllers;
using Shouldly;
using Xunit;

namespace Orders.ArchitectureTests;

/// <summary>
/// Within a project, namespaces (its folders) depend on each other one way: two folders that use each other are
/// one piece of design split in two, and neither can be read without the other.
/// </summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Projects => [.. ProjectAssemblies.Keys];

    private static readonly Dictionary<string, Assembly> ProjectAssemblies = new()
    {
        ["Orders.Domain"] = typeof(Order).Assembly,
        ["Orders.Application"] = typeof(PlaceOrderCommand).Assembly,
        ["Orders.Infrastructure"] = typeof(OrdersDbContext).Assembly,
        ["Orders.Web"] = typeof(OrdersController).Assembly,
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Namespaces_should_not_depend_on_each_other_in_a_cycle(string project) =>
        Cycles(TypeDependencies.NamespaceUses(ProjectAssemblies[project])).ShouldBeEmpty();

    [Fact]
    public void A_cycle_is_found()
    {
        var uses = new[] { ("A", "B"), ("B", "C"), ("C", "A"), ("C", "D") }.ToLookup(use => use.Item1, use => use.Item2);

        Cycles(uses).ShouldBe(["A, B, C"]);
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
