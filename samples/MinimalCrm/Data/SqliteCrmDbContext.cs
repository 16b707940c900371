using Microsoft.EntityFrameworkCore;

namespace MinimalCrm.Data;

/// <summary>The CRM's tables on SQLite (the default): its migrations live in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options) : CrmDbContext(options);
