using System.Reflection;
using Orders.Application.Orders.PlaceOrder;
using Orders.Domain.Orders;
using Orders.Infrastructure.Persistence;
using Orders.Web.Controllers;

namespace Orders.ArchitectureTests;

/// <summary>The project's assemblies, innermost first.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Order).Assembly;
    public static readonly Assembly Application = typeof(PlaceOrderCommand).Assembly;
    public static readonly Assembly Infrastructure = typeof(OrdersDbContext).Assembly;
    public static readonly Assembly Web = typeof(OrdersController).Assembly;

    public static readonly Assembly[] All = [Domain, Application, Infrastructure, Web];
}
