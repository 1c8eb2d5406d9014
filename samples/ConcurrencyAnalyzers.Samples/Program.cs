using ConcurrencyAnalyzers.Samples.SyncOverAsync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient();
builder.Services.AddSingleton<OrderRepository>();
builder.Services.AddSingleton<OrderService>();

var app = builder.Build();

app.MapGet("/orders/{id:int}", async (int id, OrderService orders) => Results.Ok(await orders.GetOrderAsync(id)));
app.MapGet("/orders/{id:int}/summary", (int id, OrderService orders) => orders.GetSummary(id));

app.Run();
