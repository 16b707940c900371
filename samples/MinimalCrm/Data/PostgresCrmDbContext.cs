using Microsoft.EntityFrameworkCore;

namespace MinimalCrm.Data;

/// <summary>The CRM's tables on PostgreSQL (<c>Database__Provider=Postgres</c>): its migrations live in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresCrmDbContext(DbContextOptions<PostgresCrmDbContext> options) : CrmDbContext(options);
