var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTwilioCallTracking(o => o.EncryptionKey ??= builder.Configuration["ENCRYPTION_KEY"] ?? "development-only-key-change-me-0123456789");
var app = builder.Build();
app.MapGet("/", () => Results.Text("MinimalCrm: the sample CRM is being built (see README).", "text/plain"));
app.Run();
