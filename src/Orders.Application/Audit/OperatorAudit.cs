using Orders.Application.Abstractions.Audit;

namespace Orders.Application.Audit;

/// <summary>Records an operator action in the action's own transaction: the entry commits with it, or neither does.</summary>
internal sealed class OperatorAudit(IAuditLog log, IOperatorIdentity actor, TimeProvider timeProvider)
{
    public void Record(string action, string target, string details)
    {
        var now = timeProvider.GetUtcNow();
        log.Add(new AuditEntry { Id = Guid.CreateVersion7(now), At = now.UtcDateTime, Actor = actor.Name, Action = action, Target = target, Details = details });
    }
}
