using Orders.Application.Abstractions.Messaging;
using Orders.Application.Abstractions.Operations;

namespace Orders.Application.Orders.GetDeadLetters;

/// <summary>The failed orders, grouped by why they failed, the largest groups first.</summary>
public sealed record GetDeadLettersQuery : IQuery<DeadLettersReport>
{
    public const int GroupsShown = 20;
}
