using Orders.Application;
using Orders.Infrastructure;
using Orders.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddWeb();
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration);

var app = builder.Build();
app.UseWeb();
app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
