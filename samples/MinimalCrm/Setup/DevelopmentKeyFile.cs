using System.Security.Cryptography;

namespace MinimalCrm.Setup;

/// <summary>
/// The development <c>ENCRYPTION_KEY</c> kept in the data folder (simulator mode, Development only). On Unix the file
/// is readable and writable by the app's user only (0600), and a kept file with wider permissions is narrowed.
/// </summary>
public static class DevelopmentKeyFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "development-encryption-key.txt";

    /// <summary>Owner read and write: what the key file is given on Unix.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Reads the key kept in <paramref name="dataFolder"/>, or generates and writes a new one.</summary>
    /// <param name="dataFolder">The data folder (it exists).</param>
    /// <param name="created">Whether the key was generated now.</param>
    public static string ReadOrCreate(string dataFolder, out bool created)
    {
        var path = Path.Combine(dataFolder, FileName);
        created = !File.Exists(path) && TryCreate(path);
        if (!created && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }

        return File.ReadAllText(path).Trim();
    }

    private static bool TryCreate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created with these permissions (before anything is written), not narrowed afterwards.
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;   // another instance created it first: use theirs
        }
    }
}
